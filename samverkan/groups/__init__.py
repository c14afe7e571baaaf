"""Groups of organisations that run the work together: a samverkansgrupp, a trygghetsråd, a
strategiskt råd or a länsstyrelse-led network of kommuner. Members are parties with accounts (an
organisation, optionally a named person in it) or outside organisations without accounts
(räddningstjänst, näringsliv, föreningar), named by organisation and role only."""
