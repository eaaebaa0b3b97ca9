"""`parloir admin`: the prison administration's command line (central-calls)."""
