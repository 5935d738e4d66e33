"""Small reusable widgets: the note editor, the theme picker."""
