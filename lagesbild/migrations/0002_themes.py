from django.db import migrations

THEMES = [
    ("andt-s", "ANDT-S", 10),
    ("vald-i-nara-relation", "Våld i nära relation", 20),
    ("trafik", "Trafik", 30),
    ("tillgreppsbrott", "Tillgreppsbrott", 40),
    ("unga-och-psykisk-ohalsa", "Unga och psykisk ohälsa", 50),
    ("organiserad-brottslighet", "Organiserad brottslighet", 60),
    ("offentlig-miljo-och-trygghet", "Offentlig miljö och trygghet", 70),
    ("annat", "Annat", 99),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("lagesbild", "Theme")
    for slug, name, order in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("lagesbild", "0001_initial")]
    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
