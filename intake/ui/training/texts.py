"""The training screens' texts, in Swedish and English (`intake/ui/texts/training.toml`)."""

from __future__ import annotations

from intake.ui.i18n import Catalog

TRAINING_TEXTS = Catalog("training")
tr = TRAINING_TEXTS.say
