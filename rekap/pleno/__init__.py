"""The plenary process (rapat pleno) as data: who adopted which unit's recap when, with which
decree, witnesses and objections; the legal timetable; disputes at the MK.

`inputs` reads and checks the plenary files of a package at ingest (file, line and column for
every problem, before anything is cast); `adoption` decides, once the recap is built, which units
are adopted, frozen or reopened and refuses what the process does not allow.
"""
