# jobhunt shell aliases: source this file from ~/.bashrc or ~/.zshrc
#   . /path/to/jobhunt/examples/aliases.sh
alias jt='jobhunt today'                 # the morning agenda
alias ja='jobhunt add'                   # ja "Acme" "Analyst" --skill SQL
alias jl='jobhunt list'
alias js='jobhunt show'
alias jlog='jobhunt log'                 # jlog 3 --via email
alias jweek='jobhunt today --on eow'     # preview the end of the week
