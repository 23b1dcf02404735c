"""Use cases built on the domain and the vault: import, export, check in. No Qt here."""
