"""Where the shared real fixtures live (../shared beside the clone); see standins.fixtures."""

from standins.fixtures import FIXTURES, OPARL_FIXTURES, PDF_FIXTURES, SHARED, TEXT_FIXTURES

__all__ = ["FIXTURES", "OPARL_FIXTURES", "PDF_FIXTURES", "SHARED", "TEXT_FIXTURES"]
