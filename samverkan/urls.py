from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import import_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("oversikt/", views.oversikt, name="oversikt"),
    path("organisationer/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("organisationer/<slug:slug>/personer/", views.organization_members, name="organization_members"),
    path("medlemskap/<uuid:uuid>/ta-bort/", views.membership_remove, name="membership_remove"),
    path("historik/<slug:kind>/<uuid:uuid>/", views.object_history, name="object_history"),
    path("mina-uppgifter/", views.my_data, name="my_data"),
    path("mina-uppgifter/export.json", views.my_data_export, name="my_data_export"),
    path("organisation/byt/", views.switch_organization, name="switch_organization"),
    path("verifiera/", views.verify, name="verify"),
    path("import/<uuid:uuid>/", import_views.import_status, name="import_status"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("notiser/", views.notifications, name="notifications"),
    path("notiser/installningar/", views.notification_preferences, name="notification_preferences"),
    path("lagesbild/", include("lagesbild.urls")),
    path("overenskommelser/", include("agreements.urls")),
    path("del2/", include("medborgarloften.urls")),
    path("medborgarloften/", include("medborgarloften.public_urls")),
    path("uppfoljning/", include("followup.urls")),
    path("konto/", include("allauth.urls")),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.SAMVERKAN_BENCH:
    urlpatterns += [path("bench/", include("bench.urls"))]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
