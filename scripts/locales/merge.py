"""Merges the string tables in this folder into Sources/Web/Resources/locales/{fr,ar,en}.json (sorted keys)."""
import importlib.util, json, pathlib, sys
here = pathlib.Path(__file__).parent
target = here.parent.parent / "Sources/Web/Resources/locales"
for module_path in sorted(here.glob("*.py")):
    if module_path.name == "merge.py":
        continue
    spec = importlib.util.spec_from_file_location(module_path.stem, module_path)
    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
    for index, language in enumerate(["fr", "ar", "en"]):
        path = target / f"{language}.json"
        table = json.loads(path.read_text())
        for key, values in module.S.items():
            table[key] = values[index]
        path.write_text(json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
print("merged")
