"""Indicators as text: how one reads, the measures in a sentence, and proposals that
turn free text into structured indicators."""
