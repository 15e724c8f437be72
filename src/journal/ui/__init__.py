"""The Qt desktop interface: application, main window, views, item models, dialogs."""
