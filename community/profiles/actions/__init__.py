"""Every change a person (or the team) makes to profiles: details, avatar, privacy, declared products
and follows (profile), tester programmes (testers), and closing an account (account)."""
