# Production image: gunicorn for the web, the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir . && SECRET_KEY=build python manage.py compilemessages --ignore=.venv --ignore=node_modules \
 && SECRET_KEY=build python manage.py collectstatic --noinput
RUN useradd --system --home /app samverkan && mkdir -p /data && chown samverkan /data
USER samverkan
EXPOSE 8000
CMD ["gunicorn", "samverkan.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
