"""The synthetic source population and the public statistics it is calibrated against."""
