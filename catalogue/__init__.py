"""The quotas of the policy documents as data, at the bottom of the house.

documents/*.toml (one per policy document, each quota citing its clause) and the git-ignored
local.toml are read by catalogue.loader.load_catalogue into a Catalogue of catalogue.model.Quota;
catalogue.schema parses a quota's fields, catalogue.validate checks the whole, catalogue.local
writes a county's own targets, catalogue.allocations reads the town allocations (allocations/*.csv)
and catalogue.text is the text normalising they share with the ETL. Nothing here imports another
package of the project. Errors are catalogue.exceptions.TargetsError.
"""
