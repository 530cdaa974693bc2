"""Where our exports carry the draft (``declapp.export.embedding`` writes it there,
``declapp.importing.embedded_draft`` reads it back): the names both sides must agree on,
here so that reading a form loads none of the export package.
"""

from __future__ import annotations

NAMESPACE = "urn:declapp:draft"
DOCX_ROOT = f"{{{NAMESPACE}}}draft"  # the custom XML part's root element, in Word
DATA_SHEET = "declapp"  # the very hidden sheet, in Excel
PDF_ATTACHMENT = "declapp-draft.json"  # the embedded file, in a PDF
MARK_TAG = "declapp"  # PDF marked content around each paragraph of a table cell
