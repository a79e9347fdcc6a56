"""Public test helpers: stand-ins and small worlds for the tests, benchmarks and examples."""
