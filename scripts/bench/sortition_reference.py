"""Reference figures from the Sortition Foundation's sortition-algorithms (PyPI 0.12.15, GPL-3.0), for BENCHMARKS.md.

Run by scripts/bench-sortition in its own venv; the product never depends on Python. For each instance it times
LEXIMIN (find_distribution_leximin; its dual LP needs gurobipy, whose free PyPI build is limited to 2,000
variables) and writes the sorted per-person probabilities to OUT/<instance>.csv.
"""
import csv
import io
import sys
import time
from pathlib import Path

from sortition_algorithms.adapters import CSVStringDataSource, SelectionData
from sortition_algorithms.committee_generation import find_distribution_leximin
from sortition_algorithms.settings import Settings


def replication_to_sf(folder: Path):
    """categories.csv + respondents.csv (no ids) -> features/people CSV strings with ids p0, p1..."""
    features = io.StringIO()
    writer = csv.writer(features, lineterminator="\n")
    writer.writerow(["feature", "value", "min", "max"])
    with open(folder / "categories.csv") as f:
        for row in csv.DictReader(f):
            writer.writerow([row["category"], row["feature"], row["min"], row["max"]])
    people = io.StringIO()
    writer = csv.writer(people, lineterminator="\n")
    with open(folder / "respondents.csv") as f:
        reader = csv.reader(f)
        header = next(reader)
        writer.writerow(["id"] + header)
        for i, row in enumerate(reader):
            writer.writerow([f"p{i}"] + row)
    return features.getvalue(), people.getvalue(), "id"


def run(name: str, folder: Path, k: int, out: Path):
    if (folder / "features.csv").exists():
        features_csv = (folder / "features.csv").read_text()
        people_csv = (folder / "candidates.csv").read_text()
        id_column = "nationbuilder_id"
    else:
        features_csv, people_csv, id_column = replication_to_sf(folder)
    data = SelectionData(CSVStringDataSource(features_csv, people_csv))
    features, _ = data.load_features(number_to_select=k)
    settings = Settings(id_column=id_column, columns_to_keep=[], selection_algorithm="leximin", solver_backend="highspy")
    people, _ = data.load_people(settings, features)
    start = time.perf_counter()
    committees, weights, _ = find_distribution_leximin(features, people, k, [], "highspy")
    elapsed = time.perf_counter() - start
    probability = {pid: 0.0 for pid in people}
    for committee, weight in zip(committees, weights):
        for pid in committee:
            probability[pid] += weight
    values = sorted(probability.values())
    with open(out / f"{name}.csv", "w") as f:
        f.write("probability\n")
        for value in values:
            f.write(f"{value:.6f}\n")
    print(f"{name}\tsortition-algorithms LEXIMIN\t{elapsed:.2f} s\tmin {values[0]:.6f}\tpanels {len(committees)}", flush=True)


if __name__ == "__main__":
    data_root, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for spec in sys.argv[3:]:
        name, k = spec.split(":")
        run(name, data_root / name, int(k), out)
