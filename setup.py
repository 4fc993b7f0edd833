import os

from setuptools import find_packages, setup

with open(os.path.join(os.path.dirname(__file__), "README.md"), encoding="utf-8") as readme:
    README = readme.read()

setup(
    name="openimis-be-meeting",
    version="0.1.0",
    packages=find_packages(include=["openimis_be_meeting", "openimis_be_meeting.*"]),
    include_package_data=True,
    # The GraphQL contract ships with the code (also in MANIFEST.in, for the sdist).
    package_data={"openimis_be_meeting": ["schema.graphql"]},
    license="AGPL-3.0-only",
    license_files=["LICENSE"],
    description="openIMIS backend module for community meetings: events, participants and interoperability showcases.",
    long_description=README,
    long_description_content_type="text/markdown",
    url="https://openimis.org/",
    project_urls={
        "Homepage": "https://openimis.org/",
        "Documentation": "https://docs.openimis.org/",
        "Source": "https://github.com/openimis",
    },
    python_requires=">=3.10",
    # Everything the code imports. No upper cap where instances run newer releases (DRF: the assembly leaves it
    # unpinned); CI runs the highest DRF allowed (requirements/base.txt) and the lowest (make test-drf-lowest).
    install_requires=[
        "django>=4.2,<5",
        "djangorestframework>=3.14",
        "graphene>=2.1,<3",
        # Imported directly (the query limits, cursors); graphene 2 brings them, at these majors.
        "graphql-core>=2.3,<3",
        "graphql-relay>=2,<3",
        "graphene-django>=2.16,<3",
        "django-filter>=22.1,<23",
        "django-simple-history>=3.4",
        "django-dirtyfields>=1.4",
        "openpyxl>=3.1,<3.2",
        # The door code's QR image on the staff screen of self check-in (public pages).
        "segno>=1.6,<2",
        # The documents (badges, certificates, letters): PDF drawing, pure Python.
        "reportlab>=4.2,<6",
        # Imported directly to turn the QR code into the PDF's image; reportlab needs it too (>=9 for reportlab 4).
        "pillow>=9",
        # tasks.py and mail/tasks.py (the assembly's Celery autodiscovery); core imports it without declaring it,
        # and instances run Celery 5.
        "celery>=5.2,<6",
        "icalendar>=6.1,<8",
        "pycountry>=24.6,<27",
        # core 1.11 for core.utils.uuidv7 (the import's writer); see the README's install steps.
        "openimis-be-core>=1.11",
        "openimis-be-location>=1.11",
    ],
    classifiers=[
        "Environment :: Web Environment",
        "Framework :: Django",
        "Framework :: Django :: 4.2",
        "Intended Audience :: Developers",
        "License :: OSI Approved :: GNU Affero General Public License v3",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
    ],
)
