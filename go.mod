module skillsim

go 1.26
