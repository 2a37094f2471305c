"""Reference timings from red-dwarf 0.4.0 (PyPI, the Python reimplementation of the Polis math), for BENCHMARKS.md.

Run by scripts/bench-opinion-map in its own venv; the product never depends on Python. For each shared Polis export
folder with votes (votes.csv, or participants-votes.csv when there is none) it times full
`reddwarf.implementations.polis.run_pipeline` runs (the median of RUNS, default 3) and prints: name<TAB>participants<TAB>votes<TAB>seconds, then, when the
export carries Polis's groups (participants-votes.csv), red-dwarf's group count<TAB>Polis's<TAB>adjusted Rand index.
"""
import csv
import sys
import time
from pathlib import Path

from reddwarf.implementations.polis import run_pipeline
from sklearn.metrics import adjusted_rand_score


def read_votes(folder: Path):
    votes = []
    if (folder / "votes.csv").exists():
        with open(folder / "votes.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                votes.append({"participant_id": int(row["voter-id"]), "statement_id": int(row["comment-id"]),
                              "vote": int(row["vote"]), "modified": int(row["timestamp"])})
    elif (folder / "participants-votes.csv").exists():
        with open(folder / "participants-votes.csv", newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            first = next(i for i, name in enumerate(header) if name.strip().isdigit())
            for row in reader:
                for i in range(first, len(header)):
                    if i < len(row) and row[i].strip() not in ("", "NA"):
                        votes.append({"participant_id": int(row[0]), "statement_id": int(header[i]),
                                      "vote": int(float(row[i])), "modified": 0})
    # The latest vote of a participant on a statement wins (red-dwarf's matrix refuses duplicates).
    latest = {}
    for vote in sorted(votes, key=lambda v: v["modified"]):
        latest[(vote["participant_id"], vote["statement_id"])] = vote
    return list(latest.values())


def polis_groups(folder: Path):
    """Participant id -> the group Polis gave them (blank = not clustered)."""
    groups = {}
    path = folder / "participants-votes.csv"
    if path.exists():
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                value = (row.get("group-id") or "").strip()
                if value not in ("", "NA"):
                    groups[int(row["participant"])] = int(float(value))
    return groups


def moderated_out(folder: Path):
    out = []
    if (folder / "comments.csv").exists():
        with open(folder / "comments.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get("moderated", "0").strip() == "-1":
                    out.append(int(row["comment-id"]))
    return out


RUNS = 3

if __name__ == "__main__":
    root = Path(sys.argv[1])
    if len(sys.argv) > 2:
        RUNS = max(1, int(sys.argv[2]))
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        votes = read_votes(folder)
        if not votes:
            continue
        times = []
        try:
            for _ in range(RUNS):
                start = time.perf_counter()
                result = run_pipeline(votes=votes, mod_out_statement_ids=moderated_out(folder), random_state=0)
                times.append(time.perf_counter() - start)
        except Exception as error:  # report and go on: one conversation must not stop the comparison
            print(f"{folder.name}\t-\t{len(votes)}\tfailed: {type(error).__name__}: {error}", flush=True)
            continue
        elapsed = sorted(times)[len(times) // 2]
        people = len({v["participant_id"] for v in votes})
        line = f"{folder.name}\t{people}\t{len(votes)}\t{elapsed:.3f}"
        theirs = polis_groups(folder)
        labels = result.participants_df["cluster_id"].dropna()
        ours = {int(pid): int(group) for pid, group in labels.items()}
        common = sorted(set(ours) & set(theirs))
        if common:
            ari = adjusted_rand_score([theirs[p] for p in common], [ours[p] for p in common])
            line += f"\t{len(set(ours.values()))}\t{len(set(theirs.values()))}\t{ari:.3f}"
        print(line, flush=True)
