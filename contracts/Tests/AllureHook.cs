// Records every test of this assembly as an Allure result when ALLURE_RESULTS_DIR is set (run.sh test sets it).
[assembly: ConformanceKit.Reports.NUnit.AllureResults]
