// This project's own tests are recorded too when ALLURE_RESULTS_DIR is set (run.sh test sets it).
[assembly: ConformanceKit.Reports.NUnit.AllureResults]
