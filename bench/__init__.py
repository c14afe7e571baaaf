"""The national benchmark (`make bench`): a Django app installed only with SAMVERKAN_BENCH."""
