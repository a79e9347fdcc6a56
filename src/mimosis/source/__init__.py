"""Source-side extraction: minimise, pseudonymise, coarsen, seal for transfer; risk report."""
