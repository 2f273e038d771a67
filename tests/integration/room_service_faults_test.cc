// faults
