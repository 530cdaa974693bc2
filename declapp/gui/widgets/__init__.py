"""What every editor uses: forms from ui/, bindings of fields to the draft, clean paste,
undo keys, the template chooser, icons."""
