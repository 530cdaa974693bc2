"""What the program knows of the machine and of itself: where its data lives,
how it starts, what it is (version, licences)."""
