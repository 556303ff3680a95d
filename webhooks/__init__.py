"""Signed outgoing webhooks (Standard Webhooks): subscriptions, deliveries, retries."""
