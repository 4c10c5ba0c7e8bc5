"""Stages: each computes one typed section of the analysis (`ftready.stages.catalogue` lists them all)."""
