"""Meetings of a group (samverkansgrupp, trygghetsråd, strategiskt råd, nätverk): planned with
date, place or link and agenda, held with attendance, minuted with decisions that create or change
an activity, a goal or a lägesbild problem through those apps' services, and approved minutes
sealed as PDF. Models are imported by followup.models, where Django looks for them."""
