"""Administrator policy: models, layered loading, and the pure `decide` function."""
