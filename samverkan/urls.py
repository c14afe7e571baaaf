from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("oversikt/", views.oversikt, name="oversikt"),
    path("organisationer/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("organisation/byt/", views.switch_organization, name="switch_organization"),
    path("verifiera/", views.verify, name="verify"),
    path("notiser/", views.notifications, name="notifications"),
    path("notiser/installningar/", views.notification_preferences, name="notification_preferences"),
    path("lagesbild/", include("lagesbild.urls")),
    path("overenskommelser/", include("agreements.urls")),
    path("del2/", include("medborgarloften.urls")),
    path("medborgarloften/", include("medborgarloften.public_urls")),
    path("uppfoljning/", include("followup.urls")),
    path("konto/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
