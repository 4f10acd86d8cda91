"""The mphla rule pack for finsam-rules."""
