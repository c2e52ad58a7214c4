"""An HTML likeness of the issue form as GitHub shows it, for the README's screenshot and for
reviewing a schema change without pushing it: GitHub renders the real form only once it is on
the default branch, so this is what can be looked at here."""

from __future__ import annotations

from html import escape
from typing import Any

import markdown

STYLE = """
body{font:14px/1.5 -apple-system,'Segoe UI','Noto Sans',Helvetica,Arial,sans-serif;color:#1f2328;background:#fff;margin:0}
main{max-width:780px;margin:24px auto;padding:0 16px}
.top{display:flex;gap:8px;align-items:center;color:#59636e;font-size:13px;margin-bottom:8px}
h1{font-size:20px;font-weight:600;margin:0 0 16px}
.box{border:1px solid #d1d9e0;border-radius:6px;padding:16px}
.title{width:100%;box-sizing:border-box;font-size:16px;padding:6px 8px;border:1px solid #d1d9e0;border-radius:6px;margin-bottom:16px}
.intro{background:#f6f8fa;border-radius:6px;padding:8px 12px;margin-bottom:16px}
.intro p{margin:4px 0}
label,.legend{display:block;font-weight:600;margin:16px 0 4px}
.required{color:#d1242f}
.hint{color:#59636e;font-size:12px;margin:0 0 6px}
input[type=text],textarea,select{width:100%;box-sizing:border-box;font:inherit;padding:5px 8px;border:1px solid #d1d9e0;border-radius:6px;background:#f6f8fa}
textarea{min-height:70px}
.check{font-weight:400;margin:2px 0;display:flex;gap:6px;align-items:center}
.columns{columns:2}
.submit{margin-top:20px;text-align:right}
.submit span{background:#1f883d;color:#fff;border-radius:6px;padding:6px 16px;font-weight:600}
"""


def form_preview(form: dict[str, Any], repository: str = "maillage/maillage") -> str:
    parts = [f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>{escape(str(form['name']))}</title>",
             f"<style>{STYLE}</style></head><body><main>",
             f"<div class='top'>{escape(repository)} · Issues · {escape(str(form['name']))}</div>",
             f"<h1>{escape(str(form['name']))}</h1><div class='box'>",
             "<label>Titre de l'issue <span class='required'>*</span></label>",
             f"<input class='title' type='text' value='{escape(str(form.get('title', '')))}'>"]
    for element in form["body"]:
        attributes = element["attributes"]
        if element["type"] == "markdown":
            parts.append(f"<div class='intro'>{markdown.markdown(escape(attributes['value']))}</div>")
            continue
        required = " <span class='required'>*</span>" if element.get("validations", {}).get("required") else ""
        label = escape(str(attributes["label"]))
        hint = f"<p class='hint'>{escape(str(attributes.get('description', '')))}</p>"
        if element["type"] == "checkboxes":
            boxes = "".join(f"<label class='check'><input type='checkbox'> {escape(str(option['label']))}</label>"
                            for option in attributes["options"])
            parts.append(f"<div class='legend'>{label}{required}</div>{hint}<div class='columns'>{boxes}</div>")
        elif element["type"] == "dropdown":
            options = "".join(f"<option>{escape(str(option))}</option>" for option in attributes["options"])
            parts.append(f"<label>{label}{required}</label>{hint}<select><option>Choisir…</option>{options}</select>")
        elif element["type"] == "input":
            placeholder = escape(str(attributes.get("placeholder", "")))
            parts.append(f"<label>{label}{required}</label>{hint}<input type='text' placeholder='{placeholder}'>")
        else:
            placeholder = escape(str(attributes.get("placeholder", "")))
            parts.append(f"<label>{label}{required}</label>{hint}<textarea placeholder='{placeholder}'></textarea>")
    parts.append("<div class='submit'><span>Create</span></div></div></main></body></html>")
    return "".join(parts)
