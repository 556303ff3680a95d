"""The public JSON API (/api/v1/): django-ninja, personal access tokens, OpenAPI."""
