"""Pure Python: the check-in model, catalogues, validation and the interchange format.

Nothing here imports Qt or SQL, and nothing here reads or writes files.
"""
