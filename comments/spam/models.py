"""The learned classifier's state, in the database so every worker shares it."""
