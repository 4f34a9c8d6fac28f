"""Training: scenarios of fictitious visits, the simulated visitor, the headless runner and the
debrief. Scenarios are data (`dialogs/scenarios/*.yaml`); nothing here touches storage."""
