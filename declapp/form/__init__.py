"""The form: its definition (a template file), the draft model, locations, text and
money rules, and the year-to-year carry-over."""
