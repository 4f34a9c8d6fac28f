"""Training in the app: pick a fictitious visit, play the receptionist, decide, get a debrief.

Nothing here opens the case database: the visit runs on an `Engine` of its own and progress
goes to the training database (`intake.training.progress`)."""
