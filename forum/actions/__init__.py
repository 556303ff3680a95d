"""Every state change a person can cause in the forum: one module per verb family."""
