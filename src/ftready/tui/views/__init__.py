"""One widget per view of the app; each renders the Analysis it is given and computes nothing."""

from ftready.tui.views.costs import CostsView
from ftready.tui.views.data import DataView
from ftready.tui.views.duplicates import DuplicatesView
from ftready.tui.views.findings import FindingsView
from ftready.tui.views.overview import OverviewView
from ftready.tui.views.pricing import PricingView

__all__ = ["CostsView", "DataView", "DuplicatesView", "FindingsView", "OverviewView", "PricingView"]
