"""pg_dump --schema-only on stdin, normalised on stdout: one statement a line, a table's columns
sorted, statements sorted, pg_dump's session settings and restrict tokens dropped. Two databases
migrated differently (e.g. before and after squashing migrations) have the same schema when the
outputs are equal:

    pg_dump --schema-only --no-owner --no-privileges DB | python scripts/normalise_schema.py
"""

import sys


def normalise(text: str) -> str:
    lines = [
        line for line in text.splitlines() if line.strip() and not line.startswith(("--", "\\"))
    ]
    statements, current, in_body = [], [], False
    for line in lines:
        current.append(line)
        if line.count("$$") % 2:  # a function body may hold semicolons
            in_body = not in_body
        if not in_body and line.rstrip().endswith(";"):
            statements.append(current)
            current = []
    out = []
    for statement in statements:
        head = statement[0]
        if head.startswith(("SET ", "SELECT pg_catalog.set_config")):
            continue
        if head.startswith("CREATE TABLE") and len(statement) > 2:
            columns = sorted(line.strip().rstrip(",") for line in statement[1:-1])
            out.append(f"{head} {' | '.join(columns)} {statement[-1].strip()}")
        else:
            out.append(" ".join(line.strip() for line in statement))
    return "\n".join(sorted(out)) + "\n"


if __name__ == "__main__":
    sys.stdout.write(normalise(sys.stdin.read()))
