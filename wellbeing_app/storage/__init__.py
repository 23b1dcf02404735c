"""The encrypted vault: SQLCipher, key slots, migrations and repositories.

This package owns every SQL string. It imports no Qt.
"""
