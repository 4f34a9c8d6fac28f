"""A case leaving intake: letters as Word documents, the case as PDF and as JSON. Imported
only when something is exported, so docxtpl and fpdf2 never slow the app's start."""
