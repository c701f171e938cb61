"""Quotas of the policy documents as data (catalogue/*.toml) and the progress engine over them."""
