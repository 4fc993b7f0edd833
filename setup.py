import os

from setuptools import find_packages, setup

with open(os.path.join(os.path.dirname(__file__), "README.md"), encoding="utf-8") as readme:
    README = readme.read()

setup(
    name="openimis-be-meeting",
    version="0.1.0",
    packages=find_packages(include=["openimis_be_meeting", "openimis_be_meeting.*"]),
    include_package_data=True,
    license="GNU AGPL v3",
    description="openIMIS backend module for community meetings: events, participants and interoperability showcases.",
    long_description=README,
    long_description_content_type="text/markdown",
    url="https://openimis.org/",
    python_requires=">=3.10",
    install_requires=[
        "django>=4.2,<5",
        "djangorestframework>=3.14,<3.16",
        "graphene-django>=2.16,<3",
        "django-filter>=22.1,<23",
        "openpyxl>=3.1,<3.2",
        "reportlab>=4.2,<6",
        "segno>=1.6,<2",
        "openimis-be-core>=1.11",
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
