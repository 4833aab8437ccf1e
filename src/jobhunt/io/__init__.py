"""Files in and out: imports (LinkedIn connections, spreadsheets, JSON exports) and
exports (JSON, spreadsheet-safe CSV, calendar ICS, the work-search log).

Nothing here is imported by `--help` or the everyday commands: the `import` and
`export` commands import these modules inside their functions.

* `atomic`     writing files for the user (temp file, fsync, os.replace, 0600) and stdout;
* `csvio`      reading CSV from the wild (BOM, CRLF, semicolons, preambles) and
               writing spreadsheet-safe CSV;
* `report`     the outcome of an import, row by row;
* `appcsv`     applications from a spreadsheet or another tracker: reading the rows;
* `appmatch`   those rows matched against the store, and written;
* `linkedin`   LinkedIn's Connections.csv;
* `jsondoc`    the full-store JSON document: its shape, reading one, checking records;
* `jsonexport` the store as that document;
* `jsonimport` a document into the store (restore or merge);
* `ics`        calendar entries for what is coming up;
* `worklog`    the weekly work-search log unemployment offices ask for.
"""
