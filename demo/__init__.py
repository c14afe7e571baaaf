"""Demo data built from the seed documents (`make run`, `make demo`): a Django app of its own
above the product's apps, installed only with DJANGO_DEBUG. It imports the apps and loads its
data through their services; no app imports it."""
