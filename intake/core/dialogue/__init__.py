"""The guided conversation: dialogue files compiled to `transitions` machines, run by a pure
engine."""
