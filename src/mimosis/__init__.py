"""mimosis: microsimulation of the Belgian social-security and tax-benefit system."""

__version__ = "0.1.0"
