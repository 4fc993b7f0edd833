"""Django TestCases shipped with the module, for `python manage.py test openimis_be_meeting` inside an openIMIS
assembly, as openIMIS's module CI runs them (the full suite is pytest, outside the package: tests/)."""
