"""Evaluation of the detector against a gold set (`vigie eval`)."""
